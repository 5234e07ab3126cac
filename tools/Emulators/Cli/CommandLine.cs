using System.Globalization;

/// <summary>The emulator CLI's options after the emulator name.</summary>
internal sealed record CommandLine(int Port, string? Region, string? State, string? Kubeconfig, string? Error)
{
    public static CommandLine Parse(string[] args)
    {
        var result = new CommandLine(0, null, null, null, null);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                return result with { Error = $"option {name} needs a value" };
            }

            var value = args[++i];
            switch (name)
            {
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return result with { Error = $"--port must be a number from 0 to 65535, not '{value}'" };
                    }

                    result = result with { Port = port };
                    break;
                case "--region":
                    result = result with { Region = value };
                    break;
                case "--state":
                    result = result with { State = value };
                    break;
                case "--kubeconfig":
                    result = result with { Kubeconfig = value };
                    break;
                default:
                    return result with { Error = $"unknown option {name}" };
            }
        }

        return result;
    }
}

internal static class Usage
{
    public const string Text = """
        usage: emulators eci        [--port N] [--region ID]
               emulators kubernetes [--port N] [--state FILE] [--kubeconfig FILE]
        """;
}
