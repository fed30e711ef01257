"""Binormal scores (negatives N(0,1), positives N(1.5,1)) and their ROC curve with the AUC shaded."""
from math import erf, sqrt

import matplotlib.pyplot as plt
import numpy as np

d = 1.5
Phi = np.vectorize(lambda z: 0.5 * (1 + erf(z / sqrt(2))))
s = np.linspace(-4, 6, 400)
pdf = lambda z: np.exp(-z**2 / 2) / np.sqrt(2 * np.pi)
t = np.linspace(8, -6, 600)                      # thresholds, high to low
fpr, tpr = 1 - Phi(t), 1 - Phi(t - d)
auc = 0.5 * (1 + erf(d / 2))                     # Phi(d / sqrt 2)

fig, (a1, a2) = plt.subplots(1, 2, figsize=(6.8, 3.3))
a1.plot(s, pdf(s), color="tab:blue", label="negatives")
a1.plot(s, pdf(s - d), color="tab:red", label="positives")
a1.axvline(1.0, color="gray", linestyle=":", linewidth=1.2)
a1.text(1.05, 0.41, "threshold 1.0", fontsize=8, color="gray")
a1.set_ylim(0, 0.46)
a1.set_xlabel("score")
a1.set_ylabel("density")
a1.set_title("Class score densities (d = 1.5)")
a1.legend(fontsize=8, loc="upper left")
a2.fill_between(fpr, tpr, color="tab:red", alpha=0.25)
a2.plot(fpr, tpr, color="tab:red", label=f"ROC, AUC = {auc:.3f}")
a2.plot([0, 1], [0, 1], color="gray", linestyle="--", linewidth=1, label="random, AUC = 0.5")
a2.plot(1 - Phi(1.0), 1 - Phi(1.0 - d), "ko", markersize=5)
a2.annotate("threshold 1.0", xy=(1 - Phi(1.0), 1 - Phi(1.0 - d)), xytext=(0.3, 0.45),
            arrowprops=dict(arrowstyle="->"), fontsize=8)
a2.set_xlim(0, 1)
a2.set_ylim(0, 1.01)
a2.set_aspect("equal")
a2.set_xlabel("false positive rate")
a2.set_ylabel("true positive rate")
a2.set_title("ROC curve")
a2.legend(fontsize=8, loc="lower right")
fig.tight_layout()
