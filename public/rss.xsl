<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows a feed opened in a browser as a readable page that explains what it is for. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <xsl:output method="html" version="1.0" encoding="UTF-8" indent="yes"/>
  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="/rss/channel/title"/> (RSS feed)</title>
        <link rel="stylesheet" href="/rss.css"/>
      </head>
      <body>
        <main>
          <div class="about">
            <p><strong>This is an RSS feed.</strong> Copy its address into a feed reader (such as NetNewsWire, Feedly, Inoreader or Thunderbird) to get new posts as they are published, without visiting the site or giving anyone your e-mail address.</p>
            <p>Feed address: <code><xsl:value-of select="/rss/channel/atom:link[@rel='self']/@href"/></code></p>
          </div>
          <h1><xsl:value-of select="/rss/channel/title"/></h1>
          <p><xsl:value-of select="/rss/channel/description"/></p>
          <p><a href="{/rss/channel/link}">Visit the site</a></p>
          <h2>Latest entries</h2>
          <ol>
            <xsl:for-each select="/rss/channel/item">
              <li>
                <a href="{link}"><xsl:value-of select="title"/></a>
                <div class="date"><xsl:value-of select="dc:creator"/> · <xsl:value-of select="substring(pubDate, 6, 11)"/></div>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
