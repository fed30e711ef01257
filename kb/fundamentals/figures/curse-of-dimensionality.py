"""Distances from a query to 1000 uniform points concentrate around their mean as d grows."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
fig, ax = plt.subplots(figsize=(6.4, 3.9))
bins = np.linspace(0, 2.2, 89)
for i, d in enumerate((2, 10, 100, 1000)):       # same draws as the example's first loop
    X = rng.uniform(0, 1, size=(1000, d))
    q = rng.uniform(0, 1, size=d)
    dist = np.linalg.norm(X - q, axis=1)
    r = dist / dist.mean()
    contrast = (dist.max() - dist.min()) / dist.min()
    ax.hist(r, bins=bins, density=True, histtype="step", lw=2, color=f"C{i}",
            label=f"d = {d}: (max−min)/min = {contrast:.2f}")
ax.set_xlabel("distance to the query / mean distance")
ax.set_ylabel("density")
ax.set_title("Distances concentrate: nearest and farthest look alike")
ax.set_xlim(0, 2.2)
ax.legend(fontsize=8.5, loc="upper right")
fig.tight_layout()
