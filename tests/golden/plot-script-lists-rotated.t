# mse-plot lists: five long Norwegian list names turned 45 degrees with room for them; the heat map's rows wrapped
tool: mse-plot
args: -k lists --script -o lists.png tests/data/plot-lists-norsk.csv
exit: 0
