using System.Runtime.InteropServices;
using ImageCacheFunctions.Emulators.Eci;
using ImageCacheFunctions.Emulators.Kubernetes;

// Runs one emulator on its own, in the foreground, until Ctrl+C or SIGTERM:
//   dotnet run --project tools/Emulators/Cli -- eci [--port N] [--region ID]
//   dotnet run --project tools/Emulators/Cli -- kubernetes [--port N] [--state FILE] [--kubeconfig FILE]
// The local gateway embeds both; this is for using one with other tools (an SDK, kubectl).

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage.Text);
    return args.Length == 0 ? 2 : 0;
}

var options = CommandLine.Parse(args.Skip(1).ToArray());
if (options.Error is not null)
{
    Console.Error.WriteLine(options.Error);
    Console.Error.WriteLine(Usage.Text);
    return 2;
}

// Ctrl+C and SIGTERM (a process manager, `kill`) stop the emulator the same way: it is disposed
// (the Kubernetes one saves its state) and the process exits 0.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

switch (args[0])
{
    case "eci":
    {
        var eciOptions = new EciEmulatorOptions { Port = options.Port, EnableConsoleLogging = true };
        if (options.Region is not null)
        {
            eciOptions.RegionId = options.Region;
        }

        await using var eci = new EciEmulator(eciOptions);
        var uri = await eci.StartAsync(stop.Token);
        Console.WriteLine($"ECI emulator on {uri} (region {eciOptions.RegionId})");
        Console.WriteLine($"  AccessKey id:     {EmulatorTestCredentials.AccessKeyId}");
        Console.WriteLine($"  AccessKey secret: {EmulatorTestCredentials.AccessKeySecret} (emulator test key)");
        await WaitForStop(stop.Token);
        return 0;
    }

    case "kubernetes":
    {
        await using var kube = new KubernetesEmulator(new KubernetesEmulatorOptions
        {
            Port = options.Port,
            PersistencePath = options.State,
        });
        var uri = await kube.StartAsync(stop.Token);
        var kubeconfig = Path.GetFullPath(options.Kubeconfig ?? Path.Combine(".local", "kubeconfig"));
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfig)!);
        kube.WriteKubeconfig(kubeconfig);
        Console.WriteLine($"Kubernetes API emulator on {uri}");
        Console.WriteLine($"  export KUBECONFIG={kubeconfig}");
        await WaitForStop(stop.Token);
        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown emulator '{args[0]}': expected 'eci' or 'kubernetes'");
        Console.Error.WriteLine(Usage.Text);
        return 2;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

static async Task WaitForStop(CancellationToken token)
{
    try
    {
        await Task.Delay(Timeout.Infinite, token);
    }
    catch (OperationCanceledException)
    {
        // A signal: dispose the emulator and exit 0.
    }
}
