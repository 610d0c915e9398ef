import CountyReportCLI
CountyReportCommand.main()
