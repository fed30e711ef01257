"""Beta(2,2) prior, likelihood of 7 heads in 10 flips, and the Beta(9,5) posterior."""
import matplotlib.pyplot as plt
import numpy as np

theta = np.linspace(0, 1, 1001)
dx = theta[1] - theta[0]

def normalize(p):
    return p / (p.sum() * dx)

prior = normalize(theta * (1 - theta))
like = normalize(theta**7 * (1 - theta) ** 3)    # rescaled to area 1 for display
post = normalize(prior * theta**7 * (1 - theta) ** 3)

fig, ax = plt.subplots(figsize=(6.4, 3.8))
ax.plot(theta, prior, color="gray", ls="--", label="prior Beta(2, 2)")
ax.plot(theta, like, color="C0", ls=":", label="likelihood, 7 heads in 10 (rescaled)")
ax.plot(theta, post, color="C3", label="posterior Beta(9, 5)")
ax.fill_between(theta, post, color="C3", alpha=0.1)
marks = ((9 / 14, "posterior mean 0.643", "-", 3.45),
         (8 / 12, "MAP 0.667", "--", 3.1),
         (0.7, "MLE 0.700", ":", 2.75))
for x, name, ls, _ in marks:
    ax.axvline(x, color="k", lw=1, ls=ls, label=name)
ax.set_xlabel(r"heads probability $\theta$")
ax.set_ylabel("density")
ax.set_ylim(0, 3.7)
ax.set_title("Posterior ∝ prior × likelihood: a compromise pulled toward 0.5")
ax.legend(fontsize=8, loc="upper left")
fig.tight_layout()
