# mse-describe on 25 lists: f_i, list totals and overlaps from the seen
# patterns
tool: mse-describe
args: -f csv tests/data/sim-25-lists.csv
exit: 0
