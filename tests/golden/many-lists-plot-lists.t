# 25 lists, list sizes and pairwise overlaps: the numbers in a smaller
# font, as the cells are narrower
tool: mse-plot
args: -k lists -s tests/data/sim-25-lists.csv
exit: 0
