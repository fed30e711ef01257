"""Purged cross-validation on a time axis: train / purge / validation / embargo, then a final test window."""
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

DEV_END, TEST_END, PURGE, EMBARGO = 300, 360, 30, 10
colors = {"train": "tab:blue", "purge": "tab:red", "validation": "tab:orange",
          "embargo": "tab:purple", "test": "tab:green"}

fig, ax = plt.subplots(figsize=(6.6, 3.4))
rows = []
for k in range(4):                                  # four 75-day validation blocks
    v0, v1 = 75 * k, 75 * (k + 1)
    segs = [("train", 0, max(v0 - PURGE, 0)), ("purge", max(v0 - PURGE, 0), v0),
            ("validation", v0, v1), ("embargo", v1, min(v1 + EMBARGO, DEV_END)),
            ("train", min(v1 + EMBARGO, DEV_END), DEV_END)]
    rows.append((f"fold {k + 1}", segs))
rows.append(("final", [("train", 0, DEV_END - PURGE), ("purge", DEV_END - PURGE, DEV_END),
                       ("test", DEV_END, TEST_END)]))
for i, (name, segs) in enumerate(rows):
    y = len(rows) - 1 - i
    for kind, a, b in segs:
        if b > a:
            ax.barh(y, b - a, left=a, height=0.6, color=colors[kind], edgecolor="white")
ax.set_yticks(range(len(rows)))
ax.set_yticklabels([r[0] for r in rows][::-1])
ax.axvline(DEV_END, color="black", linewidth=1, linestyle="--")
ax.set_xlim(0, TEST_END)
ax.set_xlabel("day")
ax.set_title("Purged CV: 30-day purge before each block, 10-day embargo after")
ax.grid(axis="y", visible=False)
ax.legend(handles=[Patch(color=c, label=k) for k, c in colors.items()],
          loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=5, fontsize=8, frameon=False)
fig.tight_layout()
