"""Ring all-reduce on 4 GPUs: how many ranks' contributions each chunk holds after every step."""
import matplotlib.pyplot as plt
import numpy as np

N = 4
count = np.ones((N, N), dtype=int)            # count[gpu, chunk]
states, titles, received = [count.copy()], ["start"], [np.zeros((N, N), bool)]
for s in range(N - 1):                        # reduce-scatter: rank r sends chunk (r - s) % N to r + 1
    new, got = count.copy(), np.zeros((N, N), bool)
    for r in range(N):
        c = (r - s) % N
        new[(r + 1) % N, c] += count[r, c]; got[(r + 1) % N, c] = True
    count = new; states.append(count.copy()); titles.append(f"reduce-\nscatter {s + 1}"); received.append(got)
for s in range(N - 1):                        # all-gather: rank r forwards finished chunk (r + 1 - s) % N
    new, got = count.copy(), np.zeros((N, N), bool)
    for r in range(N):
        c = (r + 1 - s) % N
        new[(r + 1) % N, c] = count[r, c]; got[(r + 1) % N, c] = True
    count = new; states.append(count.copy()); titles.append(f"all-\ngather {s + 1}"); received.append(got)
assert (count == N).all()

fig, axes = plt.subplots(1, len(states), figsize=(7, 1.95))
for ax, st, title, got in zip(axes, states, titles, received):
    ax.imshow(st, cmap="Blues", vmin=0, vmax=N + 1)
    for g in range(N):
        for c in range(N):
            ax.text(c, g, st[g, c], ha="center", va="center", fontsize=8,
                    color="white" if st[g, c] >= 3 else "black", fontweight="bold" if got[g, c] else "normal")
            if got[g, c]:
                ax.add_patch(plt.Rectangle((c - 0.5, g - 0.5), 1, 1, fill=False, ec="tab:red", lw=1.5))
    ax.set_title(title, fontsize=8)
    ax.set_xticks(range(N)); ax.set_xticklabels([f"c{c}" for c in range(N)], fontsize=6)
    ax.set_yticks(range(N)); ax.set_yticklabels([f"GPU{g}" for g in range(N)] if ax is axes[0] else [], fontsize=6)
    ax.grid(False)
fig.suptitle("Ring all-reduce, 4 GPUs x 4 chunks: contributions summed per chunk (red = just received)", fontsize=9)
fig.tight_layout()
