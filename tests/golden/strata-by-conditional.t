# --by with --ci conditional: no interval for the total
args: -f csv -D 10 -c conditional --by Region -l S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv
exit: 0
