# --by with --absent: the absent cells of one stratum leave its fit
args: -f csv -D 10 -M S3:S4 --by Region,Gender,Age --absent S1:S2:Region=GGC:Gender=Female:Age=Old data/ScotPWID_region_gender_age.csv
exit: 0
