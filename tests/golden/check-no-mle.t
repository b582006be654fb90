# no estimate on the whole table: exit 1, no output
tool: mse-check
args: -M A:B data/Artificial_3.csv
exit: 1
