# mse-table: LaTeX booktabs, title and caption escaped, 1 decimal
tool: mse-table
args: -f latex -c model,estimate,lower,upper,aic,status -r 1 -T 'Models: A_B & 50% $x$ {#}' -C 'Source: mse-fit ~ ^ \\ <|>' tests/data/models-western.csv
exit: 0
