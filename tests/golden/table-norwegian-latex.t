# mse-table: digit groups as thin spaces in LaTeX, no-break spaces in HTML
tool: mse-table
args: -f latex -t ' ' -p , -D 3 data/gsi2018.csv
exit: 0
