"""Common activation functions (left) and their derivatives (right)."""
import math

import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(-4, 4, 801)
sig = 1 / (1 + np.exp(-x))
Phi = np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x])
phi = np.exp(-x**2 / 2) / math.sqrt(2 * math.pi)
curves = {
    "sigmoid": (sig, sig * (1 - sig)),
    "tanh": (np.tanh(x), 1 - np.tanh(x) ** 2),
    "ReLU": (np.maximum(0, x), (x > 0).astype(float)),
    "GELU": (x * Phi, Phi + x * phi),
    "SiLU": (x * sig, sig * (1 + x * (1 - sig))),
}
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7, 3.4))
for name, (f, df) in curves.items():
    ax1.plot(x, f, label=name, lw=1.6)
    ax2.plot(x, df, label=name, lw=1.6)
ax1.set_ylim(-1.2, 3)
ax1.set_title("activation f(x)")
ax2.set_title("derivative f'(x)")
ax2.axhline(0.25, color="gray", lw=0.8, ls=":")
ax2.text(-3.9, 0.29, "0.25", color="gray", fontsize=8)
for ax in (ax1, ax2):
    ax.set_xlabel("x")
ax1.legend(loc="upper left", fontsize=8)
fig.tight_layout()
