using AuditBridge.Cli;

return await CliApplication.RunAsync(args, CliContext.FromProcess());
