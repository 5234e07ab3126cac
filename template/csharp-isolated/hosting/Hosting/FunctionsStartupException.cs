namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// The host cannot start: a setting, a secret or a function definition is wrong. The message
/// names what is missing or invalid; the process prints it as one line and exits with code 1.
/// </summary>
public sealed class FunctionsStartupException : Exception
{
    public FunctionsStartupException()
    {
    }

    public FunctionsStartupException(string message)
        : base(message)
    {
    }

    public FunctionsStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
