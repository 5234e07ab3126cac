namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>Carries an <see cref="EmulatorError"/> out of deep validation code to the dispatcher.</summary>
internal sealed class EmulatorErrorException(EmulatorError error) : Exception(error.Message)
{
    public EmulatorError Error { get; } = error;
}
