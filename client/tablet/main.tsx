import { render } from 'preact';

function Tablet() {
  return <main>票决</main>;
}

render(<Tablet />, document.getElementById('app')!);
