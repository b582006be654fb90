# mse-plot: list sizes and pairwise overlaps of the UK lists (checked against R)
tool: mse-plot
args: -k lists --script -o lists.png data/UKdat.csv
exit: 0
