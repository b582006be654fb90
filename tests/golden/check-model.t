# -M: the model carried over, terms on gone lists leave
tool: mse-check
args: -M L1:L2 -p lolo,sensitivity -f text data/HAV.csv
exit: 0
