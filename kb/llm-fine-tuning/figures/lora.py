"""LoRA as matrix shapes: frozen W (d x k) in parallel with the trainable low-rank path B (d x r) times A (r x k)."""
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, Rectangle

d, k, r = 4096, 4096, 8                     # one LLaMA-2-7B attention projection, rank 8
fig, ax = plt.subplots(figsize=(6.6, 3.8))
ax.set_xlim(0, 13)
ax.set_ylim(0, 7.6)
ax.axis("off")

def box(x, y, w, h, color, label, sub):
    ax.add_patch(Rectangle((x, y), w, h, facecolor=color, edgecolor="black", linewidth=1.2))
    ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=11, weight="bold")
    ax.text(x + w / 2, y - 0.3, sub, ha="center", va="top", fontsize=8.5)

def arrow(a, b):
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color="0.3"))

box(0.2, 2.6, 0.5, 3.0, "white", "x", f"input\n{k}")
box(2.2, 3.6, 3.0, 3.0, "0.82", "W", f"frozen, {d} x {k}\n{d * k:,} weights")
box(2.2, 0.9, 3.0, 0.35, "tab:orange", "", "")
ax.text(3.7, 1.75, f"A: {r} x {k}, random init", ha="center", fontsize=8.5)
box(6.2, 0.2, 0.35, 3.0, "tab:green", "", "")
ax.text(6.75, 1.7, f"B: {d} x {r}\nzero init", ha="left", fontsize=8.5)
ax.text(7.3, 0.45, f"trainable: r(d + k) = {r * (d + k):,}  ({100 * r * (d + k) / (d * k):.2f}%)",
        ha="left", fontsize=9, color="tab:green")
ax.add_patch(plt.Circle((9.6, 4.1), 0.35, facecolor="white", edgecolor="black"))
ax.text(9.6, 4.1, "+", ha="center", va="center", fontsize=14)
box(11.2, 2.6, 0.5, 3.0, "white", "h", f"output\n{d}")
arrow((0.7, 4.6), (2.2, 5.1))
arrow((0.7, 3.4), (2.2, 1.1))
arrow((5.2, 1.05), (6.2, 1.05))
arrow((5.2, 5.1), (9.3, 4.3))
arrow((6.55, 1.7), (9.35, 3.85))
ax.text(8.45, 2.45, "x alpha / r", fontsize=8.5)
arrow((9.95, 4.1), (11.2, 4.1))
ax.set_title("LoRA: h = Wx + (alpha / r) B(Ax), rank r = 8 on a 4096 x 4096 projection", fontsize=10.5)
fig.tight_layout()
