"""3D parallelism on 32 GPUs: TP=8 inside a node, PP=2 across nodes, DP (ZeRO) = 2 replicas."""
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, Rectangle

t, p, d = 8, 2, 2
fig, ax = plt.subplots(figsize=(6.8, 4.2))
colors = ["#9ecae1", "#fdae6b"]                       # pipeline stage 0, 1
ys = {}
for r in range(d):
    for s in range(p):
        y = (d - 1 - r) * 2.6 + (p - 1 - s) * 1.1     # one row of GPUs per node
        ys[r, s] = y
        ax.add_patch(Rectangle((-0.15, y - 0.15), t + 0.1, 0.95, fill=False, ec="gray", ls="--", lw=1))
        ax.text(t + 0.05, y + 0.33, f"node {r * p + s}\nstage {s}", fontsize=7.5, va="center")
        for k in range(t):
            ax.add_patch(Rectangle((k, y), 0.8, 0.65, color=colors[s], ec="black", lw=0.6))
            ax.text(k + 0.4, y + 0.32, f"TP{k}", ha="center", va="center", fontsize=7)
    ax.text(-1.45, ys[r, 0] - 0.2, f"replica {r}", rotation=90, ha="center", va="center", fontsize=8, fontweight="bold")
# TP: inside a node; PP: stage 0 -> stage 1 of the same replica; ZeRO: same (stage, TP rank) across replicas
ax.add_patch(FancyArrowPatch((0.8, ys[0, 0] + 0.32), (1.0, ys[0, 0] + 0.32), arrowstyle="<->", mutation_scale=8, color="tab:green", lw=1.5))
ax.add_patch(FancyArrowPatch((3.4, ys[0, 0] - 0.02), (3.4, ys[0, 1] + 0.67), arrowstyle="->", mutation_scale=10, color="tab:purple", lw=1.5))
ax.add_patch(FancyArrowPatch((-0.2, ys[0, 0] + 0.32), (-0.2, ys[1, 0] + 0.32), arrowstyle="<->", mutation_scale=10,
                             color="tab:red", lw=1.5, connectionstyle="arc3,rad=0.35"))
ax.text(-0.1, -0.55, "green: TP, activation all-reduces every layer, kept on NVLink inside a node", color="tab:green", fontsize=8)
ax.text(-0.1, -0.95, "purple: PP, only boundary activations cross between nodes", color="tab:purple", fontsize=8)
ax.text(-0.1, -1.35, "red: ZeRO/DP, gradient reduce-scatter + parameter all-gather between\n       matching GPUs (same stage, same TP rank) of different replicas", color="tab:red", fontsize=8, va="top")
ax.set_xlim(-1.7, t + 1.3)
ax.set_ylim(-2.3, 4.6)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title(f"3D parallelism: {t} (TP) × {p} (PP) × {d} (DP/ZeRO) = {t * p * d} GPUs", fontsize=10)
fig.tight_layout()
