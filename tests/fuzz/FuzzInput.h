// FuzzInput: the conventions every fuzz target shares. The first byte of an input is a chunking
// plan, the rest the stream; targets feed the stream in the chunks the plan gives and also whole,
// and compare: the pipeline promises the same result whatever the chunking. FUZZ_CHECK turns a
// broken promise into a crash, which libFuzzer saves as a reproducer.
#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// abort() rather than an exception or assert: libFuzzer saves the input on any deadly signal, and
// the check must stay active in every build type.
#define FUZZ_CHECK(condition, ...)                                                                 \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__,           \
                         #condition);                                                              \
            std::fprintf(stderr, __VA_ARGS__);                                                     \
            std::fprintf(stderr, "\n");                                                            \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

class FuzzInput {
public:
    // The plan byte's low 3 bits give the largest chunk (1 << bits: 1 to 128 bytes), all of it
    // seeds the sizes. Seeds in the corpus start with a printable plan byte: '0' feeds one byte at
    // a time, '7' up to 128 bytes, 'a' up to 2, 'c' up to 8.
    FuzzInput(const uint8_t* data, size_t size)
        : m_payload(reinterpret_cast<const char*>(data), qsizetype(size))
    {
        if (!m_payload.isEmpty()) {
            m_plan = uint8_t(m_payload.front());
            m_payload = m_payload.sliced(1);
        }
    }

    QByteArrayView payload() const { return m_payload; }

    // Calls feed(QByteArrayView) with consecutive chunks that cover the payload exactly. Chunks
    // may be empty (a transfer callback can deliver nothing), but never two in a row.
    template <typename Feed>
    void forEachChunk(Feed&& feed) const
    {
        const qsizetype maxChunk = qsizetype(1) << (m_plan & 7);
        uint32_t state = 0x9E3779B9u ^ (uint32_t(m_plan) * 0x01000193u);
        bool lastWasEmpty = false;
        qsizetype pos = 0;
        while (pos < m_payload.size()) {
            // xorshift32: cheap, deterministic, never stuck at zero.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            qsizetype size = qsizetype(state % uint32_t(maxChunk + 1));
            if (size == 0 && lastWasEmpty)
                size = 1;
            size = qMin(size, m_payload.size() - pos);
            lastWasEmpty = size == 0;
            feed(m_payload.sliced(pos, size));
            pos += size;
        }
    }

private:
    QByteArrayView m_payload;
    uint8_t m_plan = 0;
};

// For messages in failed checks: printable, bounded.
inline QByteArray fuzzQuote(const QString& text)
{
    QString shown = text.left(200);
    shown.replace(u'\n', QStringLiteral("\\n"));
    return shown.toUtf8();
}
