"""Two classes stretched along x1 and separated along x2: PCA picks x1, LDA picks x2."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)                   # same data as the example in lda-vs-pca.md
n = 500
X0 = np.column_stack([rng.normal(0, 5, n), rng.normal(-1, 0.5, n)])
X1 = np.column_stack([rng.normal(0, 5, n), rng.normal(+1, 0.5, n)])
X = np.vstack([X0, X1])
w_pca = np.linalg.eigh(np.cov(X.T))[1][:, -1]
S_W = (X0 - X0.mean(0)).T @ (X0 - X0.mean(0)) + (X1 - X1.mean(0)).T @ (X1 - X1.mean(0))
w_lda = np.linalg.solve(S_W, X1.mean(0) - X0.mean(0))
w_lda /= np.linalg.norm(w_lda)
w_pca *= np.sign(w_pca[0])

fig, ax = plt.subplots(figsize=(6.6, 3.6))
ax.scatter(*X0[:250].T, s=7, alpha=0.5, color="C0", label="class 0 (mean $x_2=-1$)")
ax.scatter(*X1[:250].T, s=7, alpha=0.5, color="C1", label="class 1 (mean $x_2=+1$)")
c = X.mean(0)
ax.annotate("", xy=c + 9 * w_pca, xytext=c, arrowprops=dict(arrowstyle="-|>", lw=2.5, color="C3"))
ax.annotate("", xy=c + 2.2 * w_lda, xytext=c, arrowprops=dict(arrowstyle="-|>", lw=2.5, color="C2"))
ax.text(*(c + 9 * w_pca + [0.4, 0.15]), "PCA direction\n(accuracy 0.53)", color="C3", fontsize=9,
        bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
ax.text(*(c + 2.2 * w_lda + [0.4, -0.25]), "LDA direction\n(accuracy 0.98)", color="C2", fontsize=9,
        bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
ax.set_xlim(-17, 17)
ax.set_ylim(-3.2, 3.6)
ax.set_xlabel("$x_1$ (std 5, no class information)")
ax.set_ylabel("$x_2$ (separates classes)")
ax.set_title("Highest variance is not most discriminative (axes not to scale)")
ax.legend(fontsize=8, loc="lower left", markerscale=2)
fig.tight_layout()
