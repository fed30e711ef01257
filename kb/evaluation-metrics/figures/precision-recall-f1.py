"""Precision-recall curve (scores N(0,1) vs N(2,1), 6% prevalence) with F1 iso-lines and the best-F1 point."""
from math import erf, sqrt

import matplotlib.pyplot as plt
import numpy as np

Phi = np.vectorize(lambda z: 0.5 * (1 + erf(z / sqrt(2))))
pi, d = 0.06, 2.0
t = np.linspace(-3, 6, 2001)
R, FPR = 1 - Phi(t - d), 1 - Phi(t)
P = pi * R / (pi * R + (1 - pi) * FPR)
F1 = 2 * P * R / (P + R)
i = F1.argmax()

fig, ax = plt.subplots(figsize=(5.6, 4.0))
r = np.linspace(0.01, 1, 400)
for f in (0.2, 0.4, 0.6, 0.8):
    prec = f * r / (2 * r - f)                     # solve 2PR/(P+R) = f for P
    ok = (prec > 0) & (prec <= 1)
    ax.plot(r[ok], prec[ok], color="gray", linestyle=":", linewidth=1)
    j = np.flatnonzero(ok)[-1]
    ax.text(r[j] - 0.02, prec[j] + 0.02, f"F1={f}", fontsize=7, color="gray", ha="right")
ax.plot(R, P, color="tab:blue", label="precision-recall curve")
ax.axhline(pi, color="tab:red", linestyle="--", linewidth=1, label=f"random classifier (precision {pi})")
ax.plot(R[i], P[i], "ko", markersize=6)
ax.annotate(f"best F1 = {F1[i]:.3f}\nP = {P[i]:.2f}, R = {R[i]:.2f}", xy=(R[i], P[i]),
            xytext=(0.62, 0.75), arrowprops=dict(arrowstyle="->"), fontsize=8)
ax.set_xlim(0, 1)
ax.set_ylim(0, 1.02)
ax.set_xlabel("recall")
ax.set_ylabel("precision")
ax.set_title("PR curve with F1 iso-lines (6% positives)")
ax.legend(loc="lower left", fontsize=8)
fig.tight_layout()
