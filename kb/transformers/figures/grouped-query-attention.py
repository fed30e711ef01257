"""MHA vs GQA vs MQA: which K/V head each of h = 8 query heads reads."""
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

h = 8
rows = [("MHA (g = 8)", 8), ("GQA (g = 2)", 2), ("MQA (g = 1)", 1)]
colors = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]

fig, ax = plt.subplots(figsize=(7, 4.2))
ax.set_xlim(-1.9, 8.2)
ax.set_ylim(-0.4, 9.3)
ax.axis("off")


def box(x, y, w, text, color):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - 0.35), w, 0.7, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor="black", linewidth=0.8, alpha=0.9))
    ax.text(x, y, text, ha="center", va="center", fontsize=8, color="white", fontweight="bold")


for r, (name, g) in enumerate(rows):
    top = 8.4 - 3.1 * r            # query row
    bottom = top - 1.7             # K/V row
    ax.text(-1.8, (top + bottom) / 2, name, ha="left", va="center", fontsize=10, fontweight="bold")
    kv_x = [(j + 0.5) * h / g - 0.5 for j in range(g)]   # centre each K/V head under its group
    for i in range(h):
        grp = i * g // h                                   # gamma(i) = floor(i g / h)
        ax.plot([i, kv_x[grp]], [top - 0.38, bottom + 0.38], color=colors[grp], lw=1.3)
        box(i, top, 0.8, f"Q{i}", colors[grp])
    for j in range(g):
        width = 0.8 if g == h else min(h / g - 0.3, 3.0)
        box(kv_x[j], bottom, width, f"K{j},V{j}", colors[j])

ax.text(7.9, 8.4, "query\nheads", ha="left", va="center", fontsize=8)
ax.text(7.9, 6.7, "cached\nK/V heads", ha="left", va="center", fontsize=8)
ax.set_title("Query head i reads K/V head floor(i·g/h); the cache holds g heads, not h", fontsize=10)
fig.tight_layout()
