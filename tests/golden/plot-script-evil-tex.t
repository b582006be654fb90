# mse-plot: LaTeX terminal, labels escaped for LaTeX
tool: mse-plot
args: -k models --script -o evil.tex tests/data/evil-models.csv
exit: 0
