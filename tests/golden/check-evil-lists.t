# list names with backquotes, quotes and a line break: cleaned in the verdict text
tool: mse-check
args: -f text -p lolo,verdict tests/data/evil-lists.csv
exit: 0
