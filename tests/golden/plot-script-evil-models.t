# mse-plot: labels as single-quoted strings, never data or double quotes
tool: mse-plot
args: -k models --script -T '`touch pwned`' -o '|touch pwned.png' tests/data/evil-models.csv
exit: 0
