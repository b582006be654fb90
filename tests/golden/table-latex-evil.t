# mse-table: LaTeX escapes every special character of the cells
tool: mse-table
args: -f latex tests/data/evil-models.csv
exit: 0
