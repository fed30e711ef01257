"""ROC staircase of the ten-example model in roc-curve.md, with Youden's point."""
import matplotlib.pyplot as plt
import numpy as np

s = np.array([0.95, 0.85, 0.70, 0.55, 0.40, 0.80, 0.60, 0.35, 0.20, 0.10])
y = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
thr = np.r_[np.inf, np.unique(s)[::-1]]
tpr = np.array([np.mean(s[y == 1] >= t) for t in thr])
fpr = np.array([np.mean(s[y == 0] >= t) for t in thr])
auc = np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2)
best = np.argmax(tpr - fpr)

fig, ax = plt.subplots(figsize=(5.2, 4.4))
ax.fill_between(fpr, tpr, step=None, alpha=0.15, color="C0", label=f"AUC = {auc:.2f}")
ax.plot(fpr, tpr, "-o", color="C0", markersize=4, label="ROC curve (staircase)")
ax.plot([0, 1], [0, 1], "--", color="gray", linewidth=1.2, label="random guessing")
fb, tb = fpr[best], tpr[best]
ax.vlines(fb, fb, tb, colors="C3", linewidth=1.5)
ax.plot([fb], [tb], "*", color="C3", markersize=14,
        label=f"Youden's point (t = {thr[best]:.2f})")
ax.annotate(f"J = TPR − FPR = {tb - fb:.1f}", xy=(fb, 0.75), xytext=(0.43, 0.9),
            arrowprops=dict(arrowstyle="->", color="C3"), color="C3")
ax.set_xlim(-0.02, 1.02)
ax.set_ylim(-0.02, 1.05)
ax.set_aspect("equal")
ax.set_xlabel("False positive rate (FPR)")
ax.set_ylabel("True positive rate (TPR)")
ax.set_title("ROC of 5 positives and 5 negatives")
ax.legend(loc="lower right", fontsize=8.5)
fig.tight_layout()
