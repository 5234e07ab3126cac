using System.Globalization;
using System.Text;
using ImageCacheFunctions.LocalGateway.Backends;
using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>
/// Tells the user where everything is. The lines are stable: `  function NAME URL pid PID`
/// is also what tests and scripts read. A real account's secret is never printed.
/// </summary>
internal static class StartupSummary
{
    private static readonly Lock Gate = new();

    public static void Write(
        GatewaySettings settings,
        Uri gateway,
        IReadOnlyList<FunctionSupervisor> functions,
        BackendEndpoints backends,
        bool parentDeathSignal,
        CronConnector? cron,
        IReadOnlyList<(string Function, string Secret, string Path)> missingSecrets)
    {
        ArgumentNullException.ThrowIfNull(missingSecrets);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(backends);
        var text = new StringBuilder();
        var width = functions.Max(f => f.Name.Length);
        text.AppendLine();
        text.AppendLine("ImageCache Functions local gateway");
        text.AppendLine(CultureInfo.InvariantCulture, $"  gateway {Base(gateway)}");
        for (var i = 0; i < functions.Count; i++)
        {
            var function = functions[i];
            var instance = function.Instance;
            var state = instance is null
                ? "not ready (restarting; see the log above)"
                : $"pid {instance.Pid} (ready in {instance.ColdStart.TotalMilliseconds:F0} ms)";
            var schedule = function.Function.Schedule is { } s ? $"  cron \"{s}\"" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  function {function.Name.PadRight(width)} {FunctionUrl(gateway, function.Name)} {state}{schedule}");
        }

        text.AppendLine(backends.KubernetesEmulator is { } kubernetes
            ? $"  kubernetes emulator {Base(kubernetes)} (state {settings.KubernetesStateFile})"
            : $"  kubernetes real cluster (kubeconfig {backends.Kubeconfig})");
        text.AppendLine(CultureInfo.InvariantCulture, $"    export KUBECONFIG={backends.Kubeconfig}");
        text.AppendLine(backends.EciEmbedded
            ? $"  eci emulator {Base(backends.EciEndpoint!)} region {backends.EciRegion}, test AccessKey id {backends.EciTestAccessKeyId}, secret {backends.EciTestAccessKeySecret} (the emulator's fixed test key)"
            : $"  eci real endpoint {backends.EciEndpoint} region {backends.EciRegion} (credentials from your environment)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  function-key {Path.Combine(settings.SecretsDirectory, SecretsDirectory.FunctionKey)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  secrets {settings.SecretsDirectory}");
        foreach (var (function, secret, path) in missingSecrets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    missing secret {secret} of {function}: create {path}");
        }
        if (cron is null)
        {
            text.AppendLine("  cron off (--no-cron)");
        }
        else
        {
            foreach (var scheduled in cron.Scheduled)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  cron {scheduled.Name} \"{scheduled.Schedule}\" next {scheduled.NextFireTime:u}");
            }
        }

        if (!parentDeathSignal)
        {
            text.AppendLine("  note: setpriv not found; function processes are stopped on exit but not if the gateway is killed with SIGKILL");
        }

        text.AppendLine("Press Ctrl+C to stop.");
        lock (Gate)
        {
            Console.Out.Write(text.ToString());
            Console.Out.Flush();
        }
    }

    public static void WriteRestart(Uri gateway, FunctionSupervisor function, FunctionInstance instance)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(instance);
        lock (Gate)
        {
            Console.Out.WriteLine($"  function {function.Name} {FunctionUrl(gateway, function.Name)} pid {instance.Pid} (restarted, ready in {instance.ColdStart.TotalMilliseconds:F0} ms)");
            Console.Out.Flush();
        }
    }

    private static string Base(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string FunctionUrl(Uri gateway, string name) => $"{Base(gateway)}/function/{name}";
}
