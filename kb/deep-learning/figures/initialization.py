"""RMS activation per layer of a 30-layer, width-512 ReLU MLP for four weight scales (the answer's example)."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
n, L = 512, 30
x0 = rng.standard_normal((256, n))
fig, ax = plt.subplots(figsize=(6, 3.6))
for name, std in [("std 0.01: nσ²/2 = 0.026", 0.01), ("Xavier 1/n: nσ²/2 = 0.5", np.sqrt(1 / n)),
                  ("He 2/n: nσ²/2 = 1", np.sqrt(2 / n)), ("std 0.1: nσ²/2 = 2.56", 0.1)]:
    h, rms = x0, [np.sqrt(np.mean(x0**2))]
    for _ in range(L):
        h = np.maximum(h @ (rng.standard_normal((n, n)) * std), 0)
        rms.append(np.sqrt(np.mean(h**2)))
    ax.semilogy(range(L + 1), rms, label=name)
ax.set_xlabel("layer")
ax.set_ylabel("RMS activation")
ax.set_title("Signal scale through a deep ReLU net by initialization")
ax.legend(loc="lower left", fontsize=8)
fig.tight_layout()
