"""FlashAttention tiling for the answer's example: n = 256, query tiles of 32, key/value tiles of 48, causal."""
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

n, Br, Bc = 256, 32, 48
fig, ax = plt.subplots(figsize=(7, 4.6))
ax.set_xlim(-70, 470)
ax.set_ylim(n + 8, -75)            # rows grow downwards, like a matrix
ax.set_aspect("equal")
ax.axis("off")

counts = {"skipped": 0, "diagonal": 0, "full": 0}
for i in range(0, n, Br):
    for j in range(0, n, Bc):
        w = min(Bc, n - j)
        if j > i + Br - 1:
            kind, color = "skipped", "#E5E5E5"
        elif j + w - 1 > i:
            kind, color = "diagonal", "#F2C1A0"
        else:
            kind, color = "full", "#A9C4E8"
        counts[kind] += 1
        ax.add_patch(Rectangle((j, i), w, Br, facecolor=color, edgecolor="white", lw=1.2))
ax.add_patch(Rectangle((48, 96), Bc, Br, facecolor="none", edgecolor="#C44E52", lw=2.5))

# Q on the left (row tiles), K^T on top (column tiles)
for i in range(0, n, Br):
    ax.add_patch(Rectangle((-40, i), 28, Br, facecolor="#A9C4E8", edgecolor="white", lw=1.2))
ax.add_patch(Rectangle((-40, 96), 28, Br, facecolor="none", edgecolor="#C44E52", lw=2.5))
for j in range(0, n, Bc):
    ax.add_patch(Rectangle((j, -40), min(Bc, n - j), 28, facecolor="#B8DDB0", edgecolor="white", lw=1.2))
ax.add_patch(Rectangle((48, -40), Bc, 28, facecolor="none", edgecolor="#C44E52", lw=2.5))
ax.text(-26, -50, "Q", ha="center", fontsize=10, fontweight="bold")
ax.text(128, -50, "K$^T$, V: streamed tile by tile", ha="center", fontsize=9)
ax.text(128, n + 4, "S = QK$^T$ (256 x 256): never written to HBM", ha="center", va="top", fontsize=9)

# legend-like notes on the right
notes = [("#A9C4E8", f"{counts['full']} full tiles computed in SRAM"),
         ("#F2C1A0", f"{counts['diagonal']} diagonal tiles, partly masked"),
         ("#E5E5E5", f"{counts['skipped']} tiles above the diagonal skipped")]
for k, (c, text) in enumerate(notes):
    ax.add_patch(Rectangle((275, 10 + 26 * k), 16, 16, facecolor=c, edgecolor="gray", lw=0.6))
    ax.text(297, 18 + 26 * k, text, va="center", fontsize=8.5)
ax.add_patch(Rectangle((275, 88), 16, 16, facecolor="none", edgecolor="#C44E52", lw=2.5))
ax.text(297, 96, "tile in SRAM now: q rows 96-127,\nk/v rows 48-95", va="center", fontsize=8.5)
ax.text(275, 135, "HBM holds Q, K, V, O and one\nlog-sum-exp per row; per row, SRAM\nkeeps a running max m, sum l and\nunnormalized output, rescaled by\nexp(m_old - m_new) at each tile.",
        va="top", fontsize=8.5)
ax.set_title("Tiled exact attention: 8 query tiles x 6 key/value tiles", fontsize=10)
fig.tight_layout()
