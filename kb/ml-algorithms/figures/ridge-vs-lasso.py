"""Coefficient paths of ridge and lasso against the penalty strength on one correlated 5-feature design."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
n, p = 100, 5
Z = rng.normal(size=(n, 1))
X = 0.7 * Z + 0.7 * rng.normal(size=(n, p))  # pairwise correlation about 0.5
X = (X - X.mean(0)) / X.std(0)
beta = np.array([4.0, -2.0, 0.0, 1.5, 0.0])
y = X @ beta + rng.normal(0, 2.0, n)
y = y - y.mean()


def lasso_cd(lam, b):  # min ||y - Xb||^2 + lam ||b||_1, warm-started coordinate descent
    for _ in range(300):
        for j in range(p):
            r = y - X @ b + X[:, j] * b[j]
            zj = X[:, j] @ r
            b[j] = np.sign(zj) * max(abs(zj) - lam / 2, 0) / (X[:, j] @ X[:, j])
    return b.copy()


lams = np.logspace(-1, 4, 80)
ridge = np.array([np.linalg.solve(X.T @ X + lam * np.eye(p), X.T @ y) for lam in lams])
b = np.zeros(p)
lasso = np.array([lasso_cd(lam, b) for lam in lams[::-1]])[::-1]

fig, axes = plt.subplots(1, 2, figsize=(7, 3.8), sharey=True)
for ax, path, name in zip(axes, (ridge, lasso), ("Ridge (L2)", "Lasso (L1)")):
    for j in range(p):
        ax.plot(lams, path[:, j], color=f"C{j}", label=f"$\\beta_{j + 1}$ (true {beta[j]:g})")
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("penalty strength λ (log scale)")
    ax.set_title(name)
axes[0].set_ylabel("coefficient")
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, labels, loc="lower center", ncol=5, fontsize=8, frameon=False)
fig.suptitle("Regularization paths: ridge shrinks smoothly, lasso sets coefficients to exactly 0")
fig.tight_layout(rect=(0, 0.07, 1, 1))
