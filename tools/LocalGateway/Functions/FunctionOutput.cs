namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>Interleaves the functions' stdout/stderr on the gateway's console, one prefixed line at a time.</summary>
internal static class FunctionOutput
{
    private static readonly Lock Gate = new();

    public static void Write(string function, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (Gate)
        {
            Console.Out.WriteLine($"[{function}] {line}");
        }
    }
}
