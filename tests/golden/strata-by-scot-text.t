# --by Region,Gender,Age, aligned text, with the total
args: -f text -M S3:S4 --by Region,Gender,Age data/ScotPWID_region_gender_age.csv
exit: 0
