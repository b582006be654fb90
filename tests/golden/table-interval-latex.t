# mse-table --interval: LaTeX, -- as the dash, thin spaces only inside numbers
tool: mse-table
args: -f latex -I estimate,lower,upper=Anslag -r 0 -t ' ' -p , tests/data/table-interval.csv
exit: 0
