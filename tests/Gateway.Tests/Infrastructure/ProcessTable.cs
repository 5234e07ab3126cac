namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>What /proc says about a process (Linux; the gateway's orphan guarantees are Linux ones).</summary>
internal static class ProcessTable
{
    /// <summary>Running or sleeping, not gone and not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
        try
        {
            var text = File.ReadAllText(stat);
            // "pid (comm) S ...": the state follows the last ')'.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public static int ParentOf(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
