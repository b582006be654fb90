# --merge, --rename and --drop, in order
tool: mse-import
args: -f csv -i id -r actor -m Politiet,ROSA=PR -R UDI=Utlendingsdirektoratet tests/data/good-records-reports.csv
exit: 0
