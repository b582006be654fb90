# LaTeX: booktabs tables
tool: mse-check
args: -f latex data/HAV.csv
exit: 0
