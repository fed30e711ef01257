"""KV-cache size versus context length for a batch of 8 sequences, Llama-2-7B (MHA) vs a GQA-8 model."""
import matplotlib.pyplot as plt
import numpy as np

L, d_h, b, batch = 32, 128, 2, 8                 # Llama-2-7B shape, fp16, batch of 8
tokens = np.arange(0, 4097, 64)
mha = 2 * L * 32 * d_h * b * batch * tokens / 1e9   # 32 KV heads: 512 KiB per token
gqa = 2 * L * 8 * d_h * b * batch * tokens / 1e9    # 8 KV heads (Mistral-7B style): 128 KiB
weights, hbm = 6.74e9 * 2 / 1e9, 80.0

fig, ax = plt.subplots(figsize=(6.4, 3.8))
ax.plot(tokens, mha, label="KV cache, MHA (32 KV heads)", color="tab:red")
ax.plot(tokens, gqa, label="KV cache, GQA-8 (8 KV heads)", color="tab:blue")
ax.axhline(weights, color="black", linestyle="--", linewidth=1.2, label="fp16 weights, 13.5 GB")
cross = weights / (mha[1] / tokens[1])
ax.axvline(cross, color="tab:red", linestyle=":", linewidth=1)
ax.annotate(f"cache = weights\nat {cross:.0f} tokens", (cross, weights), xytext=(3350, 6),
            arrowprops=dict(arrowstyle="->"), fontsize=9)
ax.annotate(f"{mha[-1]:.1f} GB at 4096", (4096, mha[-1]), xytext=(2900, 18.6), fontsize=9)
ax.set_xlim(0, 4096)
ax.set_ylim(0, 22)
ax.set_xlabel("tokens per sequence (prompt + generated)")
ax.set_ylabel("GB (batch of 8, fp16)")
ax.set_title("KV cache vs context length, Llama-2-7B shape, batch 8")
ax.legend(loc="upper left", fontsize=8.5)
fig.tight_layout()
