# 25 lists, overlap (UpSet): the dot matrix takes more of the height and
# smaller dots and names; the patterns come from a sparse table
tool: mse-plot
args: -k overlap -s tests/data/sim-25-lists.csv
exit: 0
