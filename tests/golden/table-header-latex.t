# mse-table: Norwegian headers, a midrule before the old shape's total row
tool: mse-table
args: -f latex -H observed=Identifisert,estimate=Anslag -c year,observed,estimate -t "' '" -r 0 tests/data/good-est-old-total.csv
exit: 0
