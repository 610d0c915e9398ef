import CountyReportCLI
CountyReportCommand.run()
