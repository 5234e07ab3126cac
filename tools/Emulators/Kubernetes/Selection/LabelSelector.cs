using System.Text;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;

namespace ImageCacheFunctions.Emulators.Kubernetes.Selection;

/// <summary>
/// A parsed labelSelector query: requirements joined by commas, each <c>k</c>, <c>!k</c>,
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k&gt;n</c>, <c>k&lt;n</c>.
/// </summary>
internal sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>
    /// A requirement a label index can answer (<c>key=value</c> or <c>key in (…)</c>): every
    /// object the selector matches carries one of these values. Null when there is none.
    /// </summary>
    public (string Key, IReadOnlyList<string> Values)? Indexable =>
        _requirements.FirstOrDefault(r => r.Op is Operator.Equals or Operator.In) is { } r ? (r.Key, r.Values) : null;

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var requirements = new List<Requirement>();
        var reader = new Reader(text);
        while (true)
        {
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                break;
            }
            requirements.Add(ParseRequirement(reader, text));
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                break;
            }
            if (!reader.TryConsume(","))
            {
                throw Invalid(text, $"found '{reader.Rest}', expected: ',' or 'end of string'");
            }
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        // A loop, not LINQ: lists call this once per stored object.
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    private static Requirement ParseRequirement(Reader reader, string text)
    {
        if (reader.TryConsume("!"))
        {
            reader.SkipSpaces();
            var key = reader.ReadKey();
            CheckKey(key, text);
            return new Requirement(key, Operator.DoesNotExist, []);
        }
        var name = reader.ReadKey();
        CheckKey(name, text);
        reader.SkipSpaces();
        if (reader.AtEnd || reader.Peek == ',')
        {
            return new Requirement(name, Operator.Exists, []);
        }
        Operator op;
        if (reader.TryConsume("==")) { op = Operator.Equals; }
        else if (reader.TryConsume("!=")) { op = Operator.NotEquals; }
        else if (reader.TryConsume("=")) { op = Operator.Equals; }
        else if (reader.TryConsume(">")) { op = Operator.GreaterThan; }
        else if (reader.TryConsume("<")) { op = Operator.LessThan; }
        else if (reader.TryConsumeWord("notin")) { op = Operator.NotIn; }
        else if (reader.TryConsumeWord("in")) { op = Operator.In; }
        else
        {
            throw Invalid(text, $"found '{reader.Rest}', expected: in, notin, =, ==, !=, gt, lt");
        }
        reader.SkipSpaces();
        List<string> values;
        if (op is Operator.In or Operator.NotIn)
        {
            if (!reader.TryConsume("("))
            {
                throw Invalid(text, $"found '{reader.Rest}', expected: '('");
            }
            values = [];
            while (true)
            {
                reader.SkipSpaces();
                var value = reader.ReadValue();
                CheckValue(value, text);
                values.Add(value);
                reader.SkipSpaces();
                if (reader.TryConsume(")"))
                {
                    break;
                }
                if (!reader.TryConsume(","))
                {
                    throw Invalid(text, $"found '{reader.Rest}', expected: ',', ')'");
                }
            }
        }
        else
        {
            var value = reader.ReadValue();
            CheckValue(value, text);
            if (op is Operator.GreaterThan or Operator.LessThan && !long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw Invalid(text, $"for 'Gt', 'Lt' operators, the value must be an integer");
            }
            values = [value];
        }
        return new Requirement(name, op, values);
    }

    private static void CheckKey(string key, string text)
    {
        if (key.Length == 0)
        {
            throw Invalid(text, "key is empty");
        }
        var problems = ObjectMetaRules.ValidateQualifiedName(key).ToList();
        if (problems.Count > 0)
        {
            throw Invalid(text, $"key: Invalid value: \"{key}\": {problems[0]}");
        }
    }

    private static void CheckValue(string value, string text)
    {
        var problems = ObjectMetaRules.ValidateLabelValue(value).ToList();
        if (problems.Count > 0)
        {
            throw Invalid(text, $"values[0]: Invalid value: \"{value}\": {problems[0]}");
        }
    }

    private static ApiException Invalid(string text, string detail) =>
        StatusDocuments.BadRequest($"unable to parse requirement: {detail} (in labelSelector \"{text}\")");

    private enum Operator
    {
        Exists,
        DoesNotExist,
        Equals,
        NotEquals,
        In,
        NotIn,
        GreaterThan,
        LessThan,
    }

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var actual);
            return Op switch
            {
                Operator.Exists => has,
                Operator.DoesNotExist => !has,
                Operator.Equals or Operator.In => has && Values.Contains(actual!),
                Operator.NotEquals or Operator.NotIn => !has || !Values.Contains(actual!),
                Operator.GreaterThan => has && long.TryParse(actual, System.Globalization.CultureInfo.InvariantCulture, out var g) && g > long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
                Operator.LessThan => has && long.TryParse(actual, System.Globalization.CultureInfo.InvariantCulture, out var l) && l < long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public char Peek => text[_position];

        public string Rest => text[_position..];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public bool TryConsume(string token)
        {
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) == 0)
            {
                _position += token.Length;
                return true;
            }
            return false;
        }

        /// <summary>Consumes a keyword only when followed by a space or '(' (so "in" is not a key prefix).</summary>
        public bool TryConsumeWord(string word)
        {
            var end = _position + word.Length;
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) == 0
                && (end >= text.Length || char.IsWhiteSpace(text[end]) || text[end] == '('))
            {
                _position = end;
                return true;
            }
            return false;
        }

        public string ReadKey()
        {
            var builder = new StringBuilder();
            while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek is not ('=' or '!' or ',' or '(' or ')' or '<' or '>'))
            {
                builder.Append(Peek);
                _position++;
            }
            return builder.ToString();
        }

        public string ReadValue()
        {
            var builder = new StringBuilder();
            while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek is not (',' or '(' or ')' or '=' or '!'))
            {
                builder.Append(Peek);
                _position++;
            }
            return builder.ToString();
        }
    }
}
