"""A synthetic gradient-norm trace with rare spikes, before and after clipping at c = 1."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
steps = np.arange(1, 301)
norm = 0.4 * np.exp(0.3 * rng.standard_normal(300))       # typical steps: well below c
spikes = rng.choice(300, size=6, replace=False)
norm[spikes] *= rng.uniform(10, 100, size=6)                  # rare bad batches / cliffs
c = 1.0
clipped = np.minimum(norm, c)
fired = int((norm > c).sum())

fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.semilogy(steps, norm, lw=1, color="tab:red", label="gradient norm before clipping")
ax.semilogy(steps, clipped, lw=1.4, color="tab:blue", label="norm after clipping (= update size / lr for SGD)")
ax.axhline(c, color="black", ls="--", lw=1)
ax.text(4, c * 1.15, "threshold c = 1", fontsize=8)
ax.set_xlabel("training step")
ax.set_ylabel("global gradient norm")
ax.set_title(f"Clipping at c = 1 fires on {fired} of 300 steps")
ax.set_ylim(0.1, 3000)
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()
