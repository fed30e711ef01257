"""Static vs continuous batching of the same 8 requests on 4 batch slots (one bar = one request's decode steps)."""
import matplotlib.pyplot as plt

lengths = [3, 9, 4, 6, 2, 7, 5, 3]                # decode steps each request needs
slots = 4

# static: requests 0-3 form batch 1, which runs until its longest finishes; then requests 4-7
static, t0 = [], 0
for start in range(0, len(lengths), slots):
    batch = lengths[start:start + slots]
    for s, n in enumerate(batch):
        static.append((s, t0, n, start + s))
    t0 += max(batch)
static_end = t0

# continuous: a queued request takes the first slot that frees up, at the next step
free = [0] * slots
cont = []
for r, n in enumerate(lengths):
    s = min(range(slots), key=lambda i: free[i])
    cont.append((s, free[s], n, r))
    free[s] += n
cont_end = max(free)

fig, axes = plt.subplots(2, 1, figsize=(6.4, 4.2), sharex=True)
colors = plt.cm.tab10.colors
for ax, sched, end, name in [(axes[0], static, static_end, "static batching"),
                             (axes[1], cont, cont_end, "continuous batching")]:
    for s in range(slots):
        ax.barh(s, end, left=0, height=0.8, color="0.92", hatch="///", edgecolor="0.75")
    for s, start, n, r in sched:
        ax.barh(s, n, left=start, height=0.8, color=colors[r], edgecolor="black")
        ax.text(start + n / 2, s, f"r{r}", ha="center", va="center", fontsize=8, color="white")
    ax.set_yticks(range(slots), [f"slot {s}" for s in range(slots)])
    ax.set_title(f"{name}: done after {end} steps", fontsize=10)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
axes[1].set_xlabel("decode step (hatched = idle slot)")
axes[1].set_xlim(0, static_end)
fig.suptitle("Same 8 requests, 4 slots: finished slots are refilled immediately", fontsize=11)
fig.tight_layout()
