# mse-table: Norwegian style, 9 000 and 1,81
tool: mse-table
args: -t ' ' -p , -c country,victims,population,prevalence_per_1000 data/gsi2018.csv
exit: 0
