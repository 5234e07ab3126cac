using System.CommandLine;
using ImageCacheFunctions.LocalGateway.CommandLine;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>`bench`: cold start of a function process and the gateway's added latency.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var stack = new Option<FileInfo?>("--stack", "-f") { Description = "stack.yml (default: the nearest one)", HelpName = "file" };
        var stateDir = new Option<DirectoryInfo?>("--state-dir")
        {
            Description = "builds and emulator state for the bench (default: .local/bench beside stack.yml)",
            HelpName = "dir",
        };
        var function = new Option<string?>("--function") { Description = "the function to measure (default: all of stack.yml; the first is the one behind the gateway)", HelpName = "name" };
        var runs = BoundedInteger.Create("--runs", "cold starts to measure per process (the anchors and each function, in turn)", 15, 1, 1000);
        var requests = BoundedInteger.Create("--requests", "requests per path (direct and through the gateway)", 1000, 1, 1_000_000);
        var warmup = BoundedInteger.Create("--warmup", "unmeasured requests per path first", 200, 0, 100_000);
        var concurrency = BoundedInteger.Create("--concurrency", "webhook requests in flight at once", 16, 1, 256);
        var loadRequests = BoundedInteger.Create("--load-requests", "webhook duplicate and wrong-token requests per fleet size", 3000, 1, 1_000_000);
        var newDigests = BoundedInteger.Create("--new-digests", "webhook new-digest requests per fleet size", 500, 1, 100_000);
        var caches = BoundedInteger.Create("--caches", "ImageCache objects of the large fleet (the small one is 100)", 10_000, 100, 200_000);
        var pruneCaches = BoundedInteger.Create("--prune-caches", "caches of prune's selection", 100_000, 1, 1_000_000);
        var reconcileCaches = BoundedInteger.Create("--reconcile-caches", "ImageCache objects of the reconcile pass (0 leaves it out)", 10_000, 0, 100_000);
        var noAot = new Option<bool>("--no-aot") { Description = "leave out the NativeAOT anchor and the template skeleton's rows (their NativeAOT publishes take about a minute each)" };
        var asBuilt = new Option<bool>("--as-built")
        {
            Description = "measure the functions and the bare host as `dotnet build` leaves them, not published as the template's Dockerfile publishes (ReadyToRun); quicker, not what ships",
        };

        var command = new Command("bench", "measure a function's cold start (spawn to first 200 from /_/ready) and the gateway's added latency per request")
        {
            stack, stateDir, function, runs, requests, warmup, concurrency, loadRequests, newDigests, caches, pruneCaches, reconcileCaches, noAot, asBuilt,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var stackFile = GatewayCommandLine.ResolveStack(result.GetValue(stack));
            var state = result.GetValue(stateDir)?.FullName
                ?? Path.Combine(GatewayCommandLine.ResolveStateDirectory(null, stackFile), "bench");
            return BenchRunner.RunAsync(
                new BenchSettings(
                    stackFile, state, result.GetValue(function), result.GetValue(runs), result.GetValue(requests), result.GetValue(warmup),
                    result.GetValue(concurrency), result.GetValue(loadRequests), result.GetValue(newDigests), result.GetValue(caches), result.GetValue(pruneCaches), result.GetValue(reconcileCaches),
                    !result.GetValue(noAot),
                    !result.GetValue(asBuilt)),
                cancellationToken);
        });
        return command;
    }
}
