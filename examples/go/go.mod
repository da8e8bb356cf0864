module example.com/aero

go 1.19
