using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// Writes the journal's records as compact JSON: the same text Newtonsoft's JsonTextWriter writes, which reads
    /// them back. A journaled run writes two records a row, and a run of a few thousand rows ends before the runtime
    /// has optimized Newtonsoft's writer: measured, its unoptimized escaping and state keeping cost more than
    /// everything else the journal does. Text of printable ASCII without quotes or backslashes, which Newtonsoft does
    /// not escape by default, is written as it is; any other text is escaped by Newtonsoft.
    /// </summary>
    internal sealed class RecordWriter
    {
        private readonly TextWriter text;

        /// <summary>A value written since the last '{', '[', name or record end: the next member or item needs a comma.</summary>
        private bool afterValue;

        public RecordWriter(TextWriter text)
        {
            this.text = text;
        }

        public void StartObject()
        {
            BeforeValue();
            text.Write('{');
        }

        public void EndObject()
        {
            text.Write('}');
            afterValue = true;
        }

        public void StartArray()
        {
            BeforeValue();
            text.Write('[');
        }

        public void EndArray()
        {
            text.Write(']');
            afterValue = true;
        }

        [MethodImpl(Jit.Optimized)]
        public void Name(string name)
        {
            BeforeValue();
            WriteString(name);
            text.Write(':');
        }

        [MethodImpl(Jit.Optimized)]
        public void Value(string? value)
        {
            BeforeValue();
            if (value == null)
            {
                text.Write("null");
            }
            else
            {
                WriteString(value);
            }

            afterValue = true;
        }

        public void Value(long value)
        {
            BeforeValue();
            text.Write(value.ToString(CultureInfo.InvariantCulture));
            afterValue = true;
        }

        public void Value(bool value)
        {
            BeforeValue();
            text.Write(value ? "true" : "false");
            afterValue = true;
        }

        /// <summary>A value that is JSON already (compact), written as it is.</summary>
        public void Json(string json)
        {
            BeforeValue();
            text.Write(json);
            afterValue = true;
        }

        /// <summary>Ends the record's line.</summary>
        public void EndRecord()
        {
            text.Write('\n');
            afterValue = false;
        }

        private void BeforeValue()
        {
            if (afterValue)
            {
                text.Write(',');
                afterValue = false;
            }
        }

        [MethodImpl(Jit.Optimized)]
        private void WriteString(string value)
        {
            if (NeedsNoEscape(value))
            {
                text.Write('"');
                text.Write(value);
                text.Write('"');
            }
            else
            {
                text.Write(JsonConvert.ToString(value));
            }
        }

        [MethodImpl(Jit.Optimized)]
        private static bool NeedsNoEscape(string value)
        {
            foreach (var c in value)
            {
                if (c < ' ' || c > '~' || c == '"' || c == '\\')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
